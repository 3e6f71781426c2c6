# Intake service image.
#
#   docker build -t intake .
#   docker run -p 8080:8080 -e SPRING_R2DBC_URL=... -e INTAKE_INGEST_NATIONAL_ID_KEY=... intake
#
# Extra JVM options can be passed with JAVA_TOOL_OPTIONS.

# ---- build: the maven image has mvn on PATH, so ./mvnw runs it directly ----
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY db/ db/
COPY src/ src/
# The local Maven repository lives in a BuildKit cache mount, so dependencies are
# downloaded once rather than on every source change. `sh ./mvnw` works even if the
# executable bit was lost (e.g. a checkout on Windows).
RUN --mount=type=cache,target=/workspace/.m2 \
    sh ./mvnw -B -Dmaven.repo.local=/workspace/.m2/repository -DskipTests package \
    && cp target/intake-*.jar /workspace/app.jar

# ---- run ----
FROM eclipse-temurin:17.0.13_11-jre
# curl is only for the HEALTHCHECK below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 intake \
    && useradd --system --uid 10001 --gid intake --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin intake
WORKDIR /app
COPY --from=build /workspace/app.jar app.jar
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "app.jar"]
