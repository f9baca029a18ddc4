package io.github.diffusionnlp.opennlp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a file that an OpenNLP model jar ({@code opennlp-models-*-en}) keeps at its root, through this module's
 * class loader. {@code EnglishText.class.getResourceAsStream("/NAME")} looked in this jar alone once it was a
 * named module (the automatic module {@code io.github.diffusionnlp.opennlp} on a module path): it found none of the
 * models and said their jar was missing. A class loader searches every module and class path entry it has, as the
 * class path did, and a file at a jar's root is in no package, so no module can hide it.
 */
final class ModelJarResource {
    private ModelJarResource() {
    }

    /**
     * @param name the file's name from the root, as the constants give it
     *     ({@code /opennlp-en-ud-ewt-pos-1.3-2.5.4.bin})
     * @param jar what is missing when no jar holds it, for the message ({@code opennlp-models-pos-en})
     * @return its stream, buffered
     * @throws IOException when no jar of the class path or module path holds it
     */
    static InputStream open(String name, String jar) throws IOException {
        String fromRoot = name.startsWith("/") ? name.substring(1) : name;   // a class loader's names have no '/'
        InputStream in = ModelJarResource.class.getClassLoader().getResourceAsStream(fromRoot);
        if (in == null) {
            throw new IOException(name + " is on neither the class path nor the module path (" + jar + " is missing)");
        }
        return new BufferedInputStream(in);
    }
}
