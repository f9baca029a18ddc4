package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.github.diffusionnlp.TestModels;
import org.junit.jupiter.api.Test;

/**
 * A GPU the engine does not see is refused when the model is built, named, with what to use instead: PyTorch's own
 * error ("Could not run 'aten::empty.memory_format' ... 'CUDA' backend") named neither.
 */
class InvisibleGpuTest {
    @Test
    void aGpuTheEngineDoesNotSeeIsRefusedAtBuild() {
        int gpus = Engine.getInstance().getGpuCount();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DiffusionLM.builder().optModel(TestModels.shippedModel()).optDevice(Device.gpu(gpus)).build());
        if (gpus == 0) {
            assertEquals("device gpu:0 is not visible: DJL's engine sees no GPU on this machine; use Device.cpu(), or"
                    + " leave the device unset for the engine's default", e.getMessage());
        } else {
            assertEquals("device gpu:" + gpus + " is not visible: DJL's engine sees " + gpus + " GPU(s), gpu:0 to gpu:"
                    + (gpus - 1) + " on this machine; use Device.cpu(), or leave the device unset for the engine's"
                    + " default", e.getMessage());
        }
    }
}
