package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import io.github.diffusionnlp.TestModels;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A second copy of the library in its own class loader, as a second web application or a hot redeploy has:
 * DJL said only "Failed to load PyTorch native library" (caused by "libc10.so already loaded in another
 * classloader"), neither why nor what to do.
 */
class SecondClassLoaderTest {
    @Test
    void aSecondCopyIsToldToShareOneClassLoader() throws Exception {
        Engine.getEngine("PyTorch"); // this class loader holds PyTorch's natives now
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL()); // surefire's booter jar names the rest in its manifest
        }
        // never closed: a class loader that has tried to load natives is left to the JVM's end
        URLClassLoader second = new URLClassLoader("second-app", urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(second); // as a container does for its application: DJL finds engines there
        InvocationTargetException thrown;
        try {
            Class<?> lm = second.loadClass(DiffusionLM.class.getName());
            Object builder = lm.getMethod("builder").invoke(null);
            Object withModel = builder.getClass().getMethod("optModel", Path.class).invoke(builder,
                    TestModels.shippedModel());
            thrown = assertThrows(InvocationTargetException.class,
                    () -> withModel.getClass().getMethod("build").invoke(withModel));
        } finally {
            thread.setContextClassLoader(before);
        }
        Throwable e = thrown.getCause();
        assertEquals("ai.djl.engine.EngineException", e.getClass().getName(), e::toString);
        String message = e.getMessage();
        assertTrue(message.contains("already loaded by another class loader in this JVM")
                && message.contains("one class loader that the applications share")
                && message.contains("restart the JVM"), message);
        assertTrue(PyTorchStart.inAnotherLoader(e.getCause()), "DJL's own exception is its cause: " + e.getCause());
    }
}
