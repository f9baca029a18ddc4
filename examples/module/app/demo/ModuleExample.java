package demo;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import java.util.List;

/** Infills one sentence on the shipped model from a named module; run by ../module-path.sh. */
public final class ModuleExample {
    public static void main(String[] args) throws Exception {
        // DJL's start-up notes hidden: a few INFO lines and, on a machine without a GPU,
        // "WARN ai.djl.util.cuda.CudaUtils - Failed to detect GPU count", which is no error (the model runs on
        // the CPU). Set before DJL logs its first line. This is a setting of slf4j-simple, the SLF4J binding in
        // core/target/lib/; with logback or log4j, set the logger ai.djl to ERROR in their configuration instead
        // (docs/library.md). -Dorg.slf4j.simpleLogger.log.ai.djl=info on the command line shows them again.
        if (System.getProperty("org.slf4j.simpleLogger.log.ai.djl") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "error");
        }
        try (DiffusionLM lm = DiffusionLM.builder().build()) {
            SamplingOptions options = SamplingOptions.builder().steps(16).seed(7).build();
            System.out.println(String.join(" ", lm.infill(List.of("The", "[MASK]", "was", "late", "."), options)));
        }
    }
}
