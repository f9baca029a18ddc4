package io.github.diffusionnlp.api;

import ai.djl.Device;
import ai.djl.engine.Engine;
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
                throw new IllegalArgumentException("device '" + name + "': " + gpus + " GPU(s) visible to DJL on this"
                        + " machine; use auto or cpu");
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("unknown device '" + name + "'; allowed: " + ALLOWED);
    }
}
