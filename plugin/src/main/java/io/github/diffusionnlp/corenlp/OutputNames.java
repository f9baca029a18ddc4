package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.pipeline.StanfordCoreNLP.OutputFormat;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The output file CoreNLP's file loop ({@code StanfordCoreNLP.processFiles}) names for an input file, by its rules
 * (read in CoreNLP 4.5.10's classes): {@code outputDirectory} (".") and the file's directory under {@code
 * inputDirectory} (or the run's base), its name with {@code replaceExtension} and {@code outputExtension} (or the
 * format's). {@link CommandLinePipeline} writes the file itself, whole or not at all, where the loop would have.
 */
final class OutputNames {
    private final String outputDirectory;
    private final String inputDirectory; // null: files go straight into outputDirectory
    private final String extension;
    private final boolean replaceExtension;

    OutputNames(String base, Properties props, OutputFormat format) {
        this.outputDirectory = props.getProperty("outputDirectory", ".");
        this.inputDirectory = props.getProperty("inputDirectory", base);
        this.extension = props.getProperty("outputExtension", defaultExtension(format));
        this.replaceExtension = Boolean.parseBoolean(props.getProperty("replaceExtension", "false"));
    }

    private static String defaultExtension(OutputFormat format) {
        return switch (format) {
            case XML -> ".xml";
            case JSON -> ".json";
            case CONLL -> ".conll";
            case CONLLU -> ".conllu";
            case TAGGED -> ".tag";
            case INLINEXML -> ".inxml";
            case SERIALIZED -> ".ser.gz";
            case TEXT, CUSTOM -> ".out";
        };
    }

    /** Where {@code file}'s output goes; the loop has made its directory. */
    Path of(File file) throws IOException {
        String dir = outputDirectory;
        if (inputDirectory != null) {
            dir = dir + File.separator + file.getParent().replaceFirst(Pattern.quote(inputDirectory), "");
        }
        String name = new File(dir, file.getName()).getPath();
        if (replaceExtension) {
            int lastDot = name.lastIndexOf('.');
            if (lastDot > 0) { // "./zzz" has its dot at 0
                name = name.substring(0, lastDot);
            }
        }
        if (!name.endsWith(extension)) {
            name += extension;
        }
        return Path.of(new File(name).getCanonicalPath());
    }
}
