package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How every command that reads a corpus reads it ({@code train}, {@code train-ar}, {@code evaluate},
 * {@code tag-lexicon}): one {@code --layout} and one {@code --multiword}, parsed, described and refused alike.
 */
final class CorpusReading {
    @Option(names = "--layout", defaultValue = "auto", converter = LayoutConverter.class, description = "how the"
            + " corpus files this command reads are laid out: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE},"
            + " guessed from each file, with a note when the guess is not clear-cut); any other refuses a line that"
            + " does not fit it, naming the line")
    CorpusLayout layout = CorpusLayout.AUTO;

    @Option(names = "--multiword", defaultValue = "surface", converter = MultiwordConverter.class, description = "a"
            + " CoNLL-U multiword token (4-5 del over 4 de, 5 el): surface reads the text's word, del, tagged as its"
            + " first part (ADP), and skips the parts; parts reads de el, each with its UPOS (default:"
            + " ${DEFAULT-VALUE})")
    MultiwordTokens multiword = MultiwordTokens.SURFACE;

    /** The sentences of {@code file} read this way, an unclear guess said on standard error. */
    List<TaggedSentence> read(Path file) throws IOException {
        return TaggedCorpus.read(file, layout, multiword, System.err);
    }

    /** picocli's own enum conversion lists each layout twice (AUTO, auto, ...) and is case-sensitive. */
    static final class LayoutConverter implements CommandLine.ITypeConverter<CorpusLayout> {
        @Override
        public CorpusLayout convert(String value) {
            try {
                return CorpusLayout.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** As {@link LayoutConverter}, for {@code --multiword}. */
    static final class MultiwordConverter implements CommandLine.ITypeConverter<MultiwordTokens> {
        @Override
        public MultiwordTokens convert(String value) {
            try {
                return MultiwordTokens.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
