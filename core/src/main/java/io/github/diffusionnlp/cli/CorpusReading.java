package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.LayoutOption;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How every command that reads a corpus reads it ({@code train}, {@code train-ar}, {@code evaluate},
 * {@code tag-lexicon}, the sampling commands' {@code --ngram-corpus}, {@code compare-ar --heldout},
 * {@code benchmark --corpus}): one {@code --layout} and one {@code --multiword}, parsed, described and refused
 * alike. Either left unsaid is
 * null: a model's own training corpus is then read as the model records it was, any other file read for a
 * model with its layout guessed and its multiword tokens as the model's were ({@link TrainingInfo#readingFor}),
 * a new model's corpus as {@link TaggedCorpus.Reading#DEFAULT}. Public so that the other modules' commands (the
 * evaluation module's {@code constraints --heldout}) take the same options rather than a second parser of them.
 */
public final class CorpusReading {
    @Option(names = "--layout", paramLabel = "L",
            converter = LayoutConverter.class, description = "how the corpus files named on"
            + " this command line are laid out: ${COMPLETION-CANDIDATES} (default: auto, guessed from each file, with"
            + " a note when the guess is not clear-cut); any other refuses a line that does not fit it, naming the"
            + " line. A model's own training corpus, where a command reads it unnamed, is read as the model records it"
            + " was read")
    CorpusLayout layout;

    @Option(names = "--multiword", paramLabel = "M",
            converter = MultiwordConverter.class, description = "a CoNLL-U multiword token"
            + " (4-5 del over 4 de, 5 el): surface reads the text's word, del, tagged as its first part (ADP), and"
            + " skips the parts; parts reads de el, each with its UPOS (default: surface for a new model's corpus;"
            + " any corpus read for a model as the model's own was read, parts for models trained before that was"
            + " recorded)")
    MultiwordTokens multiword;

    /** The reading said, what is unsaid as {@code unsaid} reads it. */
    public TaggedCorpus.Reading over(TaggedCorpus.Reading unsaid) {
        return unsaid.orLayout(layout).orMultiword(multiword);
    }

    /** The {@code --layout} given, or null when it is not. */
    public CorpusLayout layout() {
        return layout;
    }

    /** The {@code --multiword} given, or null when it is not. */
    public MultiwordTokens multiword() {
        return multiword;
    }

    /**
     * The sentences of {@code file}, read for the model whose record is {@code training} (held-out sentences,
     * a trigram's corpus, the model's own corpus; null: a model with no record), an unclear guess said on
     * standard error: what is unsaid as {@link TrainingInfo#readingFor} reads it, so that the text is split
     * into words as the model's were.
     */
    public List<TaggedSentence> readFor(Path file, TrainingInfo training) throws IOException {
        return TaggedCorpus.readAs(file, over(TrainingInfo.readingFor(training, file)), System.err,
                LayoutOption.COMMAND_LINE).sentences();
    }

    /**
     * A value read by its type's own {@code parse}, whose IllegalArgumentException already says what is accepted:
     * picocli's own enum conversion lists each value twice (AUTO, auto, ...) and is case-sensitive. picocli
     * instantiates converters by class, hence one subclass per option.
     */
    private abstract static class ParsedBy<T> implements CommandLine.ITypeConverter<T> {
        private final Function<String, T> parse;

        ParsedBy(Function<String, T> parse) {
            this.parse = parse;
        }

        @Override
        public T convert(String value) {
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class LayoutConverter extends ParsedBy<CorpusLayout> {
        LayoutConverter() {
            super(CorpusLayout::parse);
        }
    }

    static final class MultiwordConverter extends ParsedBy<MultiwordTokens> {
        MultiwordConverter() {
            super(MultiwordTokens::parse);
        }
    }
}
