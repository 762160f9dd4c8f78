# Image of the socialekaart app; docker-compose.yml runs it against OpenSearch.
FROM python:3.11-slim

WORKDIR /app
COPY pyproject.toml README.md ./
COPY analyzers analyzers
COPY mappings mappings
COPY indexer indexer
COPY searchapi searchapi
COPY relevance relevance
COPY templates templates
COPY static static
RUN pip install --no-cache-dir -e .

ENV SOCIALEKAART_HOST=0.0.0.0 \
    SOCIALEKAART_DATA_DIR=/data
EXPOSE 8000
CMD ["socialekaart", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
