-- docker-compose.yml: Keycloak keeps its data in a database of its own, beside the services' `siaga`.
CREATE DATABASE keycloak;
