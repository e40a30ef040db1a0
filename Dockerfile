FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DEBUG=0
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir -e . 
COPY . .
RUN SECRET_KEY=alleen-voor-collectstatic ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput
RUN useradd --system --uid 1000 portaal && chown -R portaal /app
USER portaal
EXPOSE 8000
CMD ["gunicorn", "portaal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]
