#!/usr/bin/env bash
# The library from a named module (JPMS). Run from anywhere after `mvn -B -q package -DskipTests` at the root.
# core's jar is the automatic module io.github.diffusionnlp. Automatic modules declare none of their own
# dependencies, hence --add-modules ALL-MODULE-PATH; DJL's native jar stays on the class path, since the
# module name it declares (ending in linux-x86_64) is not one Java accepts. --enable-native-access names the two
# modules that load native libraries (JNA, DJL's PyTorch engine): Java 24 and later warn at their first load
# without it (the jars' Enable-Native-Access: ALL-UNNAMED covers only the class path); Java 17 accepts it silently.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODULES="core/target/diffusion-nlp.jar:$(ls core/target/lib/*.jar | grep -v pytorch-native | paste -sd:)"
NATIVES="$(ls core/target/lib/pytorch-native-*.jar | paste -sd:)"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
javac -d "$OUT/app" --module-path "$MODULES" $(find examples/module/app -name '*.java')
java --module-path "$OUT:$MODULES" -cp "$NATIVES" --add-modules ALL-MODULE-PATH \
     --enable-native-access=com.sun.jna,ai.djl.pytorch_engine -m app/demo.ModuleExample
