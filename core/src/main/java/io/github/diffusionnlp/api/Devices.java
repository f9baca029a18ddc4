package io.github.diffusionnlp.api;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.github.diffusionnlp.corpus.Visible;
import java.util.Locale;

/**
 * Internal: public for the other modules of this project; no compatibility promise. The device names every
 * front end accepts: {@code auto}, {@code cpu}, {@code gpu}, {@code gpu:N}.
 */
public final class Devices {
    public static final String ALLOWED = "auto, cpu, gpu or gpu:N";

    private Devices() {}

    /**
     * A device as {@code --device} names it ("cpu", "gpu:0"): DJL's toString ("cpu()", "gpu(0)") read as a
     * Java object in the tools' log lines.
     */
    public static String name(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : device.getDeviceType();
    }

    /**
     * Refuses a GPU the engine does not see: PyTorch would fail only at the first array made there, with "Could not
     * run 'aten::empty.memory_format' ... 'CUDA' backend", naming neither the device nor what to use instead.
     *
     * @throws IllegalArgumentException naming the device and the GPUs visible
     */
    static void requireVisible(Device device) {
        if (device != null && device.isGpu()) {
            int gpus = Engine.getInstance().getGpuCount();
            if (device.getDeviceId() >= gpus) {
                throw new IllegalArgumentException("device " + name(device) + " is not visible: DJL's engine sees "
                        + (gpus == 0 ? "no GPU" : gpus + " GPU(s), gpu:0 to gpu:" + (gpus - 1)) + " on this machine;"
                        + " use Device.cpu(), or leave the device unset for the engine's default");
            }
        }
    }

    /**
     * The DJL device a name stands for; null for {@code auto} (or null/blank), which leaves the choice
     * to the engine: a GPU when one is visible, else the CPU.
     *
     * @throws IllegalArgumentException for an unknown name, or a GPU this machine does not have
     */
    public static Device parse(String name) {
        String d = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        if (d.isEmpty() || d.equals("auto")) {
            return null;
        }
        if (d.equals("cpu")) {
            return Device.cpu();
        }
        if (d.equals("gpu") || d.matches("gpu:\\d{1,4}")) {
            int id = d.equals("gpu") ? 0 : Integer.parseInt(d.substring(4));
            int gpus = Engine.getInstance().getGpuCount();
            if (id >= gpus) {
                throw new IllegalArgumentException("device '" + Visible.of(name) + "': " + gpus
                        + " GPU(s) visible to DJL on this machine; use auto or cpu");
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("unknown device '" + Visible.of(name) + "'; allowed: " + ALLOWED);
    }
}
