package io.github.diffusionnlp.evaluation;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of the judges' libraries, written into {@code evaluation-versions.properties} by Maven. */
final class Versions {
    private static final Properties PROPS = new Properties();

    static {
        try (InputStream in = Versions.class.getResourceAsStream("/evaluation-versions.properties")) {
            if (in != null) {
                PROPS.load(in);
            }
        } catch (IOException e) {
            // leave empty: versions then read "unknown"
        }
    }

    private Versions() {}

    static String get(String key) {
        return PROPS.getProperty(key, "unknown");
    }
}
