package io.github.diffusionnlp.corenlp;

import com.google.common.util.concurrent.Uninterruptibles;
import edu.stanford.nlp.io.IOUtils;
import edu.stanford.nlp.ling.CoreAnnotation;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.AnnotationOutputter;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.Timing;
import edu.stanford.nlp.util.logging.Redwood;
import io.github.diffusionnlp.corpus.Visible;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * CoreNLP's pipeline as this jar's main runs it on files ({@code -file}, {@code -filelist}): CoreNLP's own loop
 * names, skips and reads the files, and this pipeline annotates each document and renders its output before it
 * writes the file, whole or not at all ({@link AtomicReplace}, under the name the loop gives it: {@link
 * OutputNames}), so that a document that fails, in its annotators or in the outputter (the protobuf serializer
 * refusing our keys), leaves no file behind, nor does a write that fails. CoreNLP's {@code -threads N} ran each
 * document on a thread of its own, where a failure ended that thread, and this jar then ended the JVM at once: the
 * failed document's file was left half written, and so could be the files other threads were writing. Here the
 * documents run on N threads of ours; a failure is recorded, the documents under way finish and are written whole,
 * and, as CoreNLP stops at the first failure unless {@code continueOnAnnotateError} is set, the files after it are
 * not annotated (with it, they are). {@link #report} then names the failed files and says what was written.
 */
final class CommandLinePipeline extends StanfordCoreNLP {
    /** A document's output, rendered before its file is written. */
    private static final class RenderedOutput implements CoreAnnotation<byte[]> {
        @Override
        public Class<byte[]> getType() {
            return byte[].class;
        }
    }

    private record Failure(File file, Throwable error) {}

    private final boolean continueOnError;
    private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicInteger notAnnotated = new AtomicInteger();
    private int clobberSkipped; // files -noClobber skipped: their output was there already (main thread)
    private volatile File current; // the file CoreNLP's loop is handing to annotate, on the main thread
    private File pending; // the file handed out last, until its document reaches annotate (main thread)

    CommandLinePipeline(Properties props) {
        super(props);
        this.continueOnError = Boolean.parseBoolean(props.getProperty("continueOnAnnotateError", "false"));
    }

    @Override
    public void processFiles(String base, Collection<File> files, int numThreads, boolean clearPool,
            Optional<Timing> timing) throws IOException {
        Properties props = getProperties();
        OutputFormat format = OutputFormat.valueOf(props.getProperty("outputFormat", DEFAULT_OUTPUT_FORMAT)
                .toUpperCase(Locale.ROOT));
        BiConsumer<Annotation, OutputStream> render = createOutputter(props, AnnotationOutputter.getOptions(props));
        OutputNames names = new OutputNames(base, props, format);
        int threads = Math.max(1, numThreads);
        ExecutorService workers = threads == 1 ? null : Executors.newFixedThreadPool(threads);
        Semaphore free = new Semaphore(threads); // no more documents read ahead than threads to annotate them
        boolean noClobber = Boolean.parseBoolean(props.getProperty("noClobber", "false"));
        try {
            processFiles(base, handedOut(files, names, noClobber, noClobber ? excludedNames(props) : Set.of()),
                    numThreads, props, (doc, write) -> {
                File file = current;
                pending = null;
                if (stopped.get()) {
                    notAnnotated.incrementAndGet();
                } else if (workers == null) {
                    annotateAndWrite(file, names, doc, write, render);
                } else {
                    free.acquireUninterruptibly();
                    workers.execute(() -> {
                        try {
                            annotateAndWrite(file, names, doc, write, render);
                        } finally {
                            free.release();
                        }
                    });
                }
            }, (doc, out) -> {
                // CoreNLP's loop writes a file only for a document that did not fail, which annotateAndWrite writes
                throw new IllegalStateException("a document's file is written by CommandLinePipeline");
            }, format, false, Optional.empty(), Optional.empty()); // its pool and timing: below, as the loop no
            // longer counts the files written
        } finally {
            if (workers != null) {
                workers.shutdown(); // the documents under way finish and are written before the run ends
                Uninterruptibles.awaitTerminationUninterruptibly(workers);
            }
        }
        if (clearPool) {
            GLOBAL_ANNOTATOR_CACHE.clear(); // as CoreNLP's loop clears it (clearAnnotatorPool() would log a warning)
        }
        if (timing.isPresent() && !stopped.get()) {
            Redwood.RedwoodChannels log = Redwood.channels(StanfordCoreNLP.class);
            log.info("");
            log.info(timingInformation());
            log.info("Total time annotating and writing the files: " + Timing.toSecondsString(timing.get().report())
                    + " sec.");
        }
    }

    /**
     * {@code files}, remembering which one CoreNLP's loop took last (it annotates it next, on the same thread, unless
     * it skips it), and counting the files it took and skipped because their output was there already ({@code
     * noClobber}): a file that never reached annotate by the time the loop takes the next, or ends, whose output
     * {@code names} finds there and is not the file itself (skipped as the input's own name), nor one of the
     * {@code excluded} names (skipped as {@code excludeFiles} lists it).
     */
    private Collection<File> handedOut(Collection<File> files, OutputNames names, boolean noClobber,
            Set<String> excluded) {
        return new AbstractCollection<>() {
            @Override
            public Iterator<File> iterator() {
                Iterator<File> all = files.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        boolean more = all.hasNext();
                        if (!more) {
                            settle(names, noClobber, excluded);
                        }
                        return more;
                    }

                    @Override
                    public File next() {
                        settle(names, noClobber, excluded);
                        current = all.next();
                        pending = current;
                        return current;
                    }
                };
            }

            @Override
            public int size() {
                return files.size();
            }
        };
    }

    /** Counts the file handed out last when the loop skipped it under {@code noClobber} (see {@link #handedOut}). */
    private void settle(OutputNames names, boolean noClobber, Set<String> excluded) {
        File skipped = pending;
        pending = null;
        if (skipped == null || !noClobber || excluded.contains(skipped.getName())) {
            return;
        }
        try {
            Path out = names.of(skipped);
            if (Files.exists(out) && !out.equals(Path.of(skipped.getCanonicalPath()))) {
                clobberSkipped++;
            }
        } catch (IOException | RuntimeException e) {
            // a name the loop could not have made either: it skipped the file for another reason, or failed
        }
    }

    /**
     * The names of the files CoreNLP's loop skips before it looks at their output ({@code excludeFiles}, a file of
     * names, one a line), read as the loop reads them.
     */
    private static Set<String> excludedNames(Properties props) {
        String list = props.getProperty("excludeFiles");
        Set<String> names = new HashSet<>();
        if (list != null) {
            for (String line : IOUtils.readLines(list)) {
                if (!line.trim().isEmpty()) {
                    names.add(line.trim());
                }
            }
        }
        return names;
    }

    /**
     * Annotates and renders {@code doc}, then writes its file whole or not at all ({@link AtomicReplace}: CoreNLP's
     * loop opened the file before writing it, so a write that failed, a full disk, left it half written, and emptied
     * the earlier output of the same name), or, with the failure set as CoreNLP's own threads set it ({@code
     * ExceptionAnnotation}), hands it to CoreNLP's {@code write}, which writes nothing and logs it ({@code
     * continueOnAnnotateError}) or throws.
     */
    private void annotateAndWrite(File file, OutputNames names, Annotation doc, Consumer<Annotation> write,
            BiConsumer<Annotation, OutputStream> render) {
        if (stopped.get()) { // handed over while a thread was free, and another document failed meanwhile
            notAnnotated.incrementAndGet();
            return;
        }
        try {
            annotate(doc);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            render.accept(doc, out);
            doc.set(RenderedOutput.class, out.toByteArray());
        } catch (Throwable e) { // as CoreNLP's own threads catch it: the run decides, not this thread's end
            doc.set(CoreAnnotations.ExceptionAnnotation.class, e);
            failed(file, e);
        }
        if (doc.get(CoreAnnotations.ExceptionAnnotation.class) == null) {
            byte[] rendered = doc.get(RenderedOutput.class);
            try {
                AtomicReplace.write(names.of(file), out -> out.write(rendered));
                int n = written.incrementAndGet();
                if (n % 1000 == 0) { // as CoreNLP's loop logs the documents it wrote, which it no longer counts
                    Redwood.channels(StanfordCoreNLP.class).info("Processed " + n + " documents");
                }
            } catch (IOException | RuntimeException e) {
                failed(file, e); // the file itself could not be written (a full disk): its document did not fail
            }
            return;
        }
        try {
            write.accept(doc);
        } catch (RuntimeException e) {
            // CoreNLP's "Error annotating FILE" for the failure recorded above
        }
    }

    private void failed(File file, Throwable e) {
        failures.add(new Failure(file, e));
        if (!continueOnError) {
            stopped.set(true);
        }
    }

    /**
     * Tells {@code err} of the failures, if any: each distinct error once ({@link DiffusionCoreNLP#errorLine}, or the
     * stack trace of CoreNLP's own failure), then which files were not written and how many were. Returns the exit
     * code: 0 when every document was written, else 1.
     */
    int report(PrintStream err) {
        List<Failure> all;
        synchronized (failures) {
            all = new ArrayList<>(failures);
        }
        if (all.isEmpty()) {
            return 0;
        }
        Set<String> said = new LinkedHashSet<>();
        for (Failure f : all) {
            String line = DiffusionCoreNLP.errorLine(f.error());
            if (line == null) {
                err.print("error: " + Visible.of(f.file().getPath()) + " failed: ");
                f.error().printStackTrace(err);
            } else if (said.add(line)) {
                err.println(line);
            }
        }
        List<String> names = all.stream().map(f -> Visible.of(f.file().getPath())).toList();
        err.println("error: not written: " + String.join(", ", names) + " (" + (names.size() == 1 ? "its document"
                : "their documents") + " failed); " + written.get() + (written.get() == 1 ? " file" : " files")
                + " written" + (clobberSkipped == 0 ? "" : ", " + clobberSkipped + " skipped (" + (clobberSkipped == 1
                ? "its" : "their") + " output was there already: -noClobber)") + (notAnnotated.get() == 0 ? ""
                : ", " + notAnnotated.get() + " not annotated after the failure (-continueOnAnnotateError true goes on"
                + " past a failure)"));
        err.flush();
        return 1;
    }
}
