# syntax=docker/dockerfile:1
#
# One image for every role: which verticles a container runs comes from its configuration (NODE_ROLE, NODE_ID,
# WORKER_HOSTS, RAFTMETRICS_* variables, or a mounted /etc/raftmetrics/raftmetrics.yaml). See docs/deployment.md.
#
#   docker build -t raftmetrics .                  # release image: Maven build inside, then a JRE 17 runtime
#   docker build --target dev -t raftmetrics .     # same runtime around target/tilt/raftmetrics.jar built on the host
#                                                  # (what the Tiltfile does, so it can live-update the jar)

# ---- runtime base: what every variant of the image shares -----------------------------------------------------
FROM eclipse-temurin:17-jre-jammy AS runtime-base

# curl answers the docker-compose healthchecks; nothing else is added to the JRE image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 raftmetrics \
 && useradd --system --uid 10001 --gid raftmetrics --home-dir /var/lib/raftmetrics --shell /usr/sbin/nologin raftmetrics \
 && mkdir -p /opt/raftmetrics /etc/raftmetrics /var/lib/raftmetrics \
 && chown raftmetrics:raftmetrics /var/lib/raftmetrics

# Flags the product needs, read by the java launcher itself (no shell in between, so java is PID 1 and gets SIGTERM):
# Hazelcast's JPMS openings on Java 17, and Hazelcast bound to the member address only (cluster.public_host), so
# members sharing a network namespace never fight over 0.0.0.0:5701.
ENV JDK_JAVA_OPTIONS="--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED -Dhazelcast.socket.bind.any=false -XX:+ExitOnOutOfMemoryError"
# Memory follows the container's limit. A separate variable so a pod can change it without repeating the flags above
# (raft+query pods give DuckDB and Ratis' direct buffers more room by lowering it).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:InitialRAMPercentage=25.0"
# DuckDB's JDBC driver and Netty extract their native libraries into java.io.tmpdir (/tmp, writable by everyone here;
# Kubernetes mounts an emptyDir there because the root filesystem is read-only).

COPY docker/raftmetrics.yaml /etc/raftmetrics/raftmetrics.yaml

WORKDIR /var/lib/raftmetrics
USER 10001:10001
# gateway HTTP, management (/metrics, /health/*), Ratis, Hazelcast
EXPOSE 8080 4242 9090 9872 5701
ENTRYPOINT ["java", "-jar", "/opt/raftmetrics/raftmetrics.jar"]
CMD ["-c", "/etc/raftmetrics/raftmetrics.yaml"]

# ---- build: the fat jar, from the sources in the build context -------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Every module the parent POM lists must be present for Maven to read the reactor; only the launcher and what it
# depends on are built.
COPY pom.xml ./
COPY verticles verticles
COPY testkit testkit
COPY tools tools
COPY benchmarks/pom.xml benchmarks/pom.xml
COPY deploy-tests/pom.xml deploy-tests/pom.xml
# The Maven repository is a BuildKit cache, so a rebuild after a code change downloads nothing. Tests are
# neither compiled nor run here: CI runs them.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -Dmaven.test.skip=true -pl verticles/launcher -am package \
 && cp verticles/launcher/target/raftmetrics.jar /raftmetrics.jar

# ---- dev: the runtime around a jar built on the host (Tilt syncs a new jar into /opt/raftmetrics and restarts) ---
FROM runtime-base AS dev
USER root
RUN chown raftmetrics:raftmetrics /opt/raftmetrics
USER 10001:10001
COPY --chown=10001:10001 target/tilt/raftmetrics.jar /opt/raftmetrics/raftmetrics.jar

# ---- release (default target): the runtime with the jar built above, owned by root so the app cannot change it ----
FROM runtime-base AS release
COPY --from=build /raftmetrics.jar /opt/raftmetrics/raftmetrics.jar
