from rest_framework import serializers

from gemeenten.models import Gemeente


class GemeenteSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:gemeente-detail", lookup_field="code", help_text="De URL van deze gemeente in de API."
    )
    capaciteit_fte = serializers.DecimalField(
        max_digits=6,
        decimal_places=1,
        read_only=True,
        allow_null=True,
        help_text="De capaciteit (fte per kwartaal) die de gemeente voor Common Ground-opgaven inzet; "
        "null als de gemeente die niet heeft opgegeven.",
    )

    class Meta:
        model = Gemeente
        fields = ["url", "code", "naam", "provincie", "capaciteit_fte"]
        extra_kwargs = {
            "code": {"help_text": "De CBS-code, GM gevolgd door vier cijfers."},
            "naam": {"help_text": "De naam van de gemeente."},
            "provincie": {"help_text": "De provincie waarin de gemeente ligt."},
        }


class GemeenteCapaciteitSerializer(serializers.Serializer):
    """Wat een PATCH van een gemeente mag wijzigen: alleen de capaciteit."""

    capaciteit_fte = serializers.DecimalField(
        max_digits=6,
        decimal_places=1,
        min_value=0,
        allow_null=True,
        required=True,
        help_text="De capaciteit in fte per kwartaal, of null om haar te wissen.",
    )

    class Meta:
        ref_name = "GemeenteCapaciteitWijziging"

    def validate(self, attrs):
        if "capaciteit_fte" not in attrs:  # a PATCH is partial, but this one field is the whole point
            raise serializers.ValidationError({"capaciteit_fte": "Dit veld is verplicht."}, code="required")
        return attrs
