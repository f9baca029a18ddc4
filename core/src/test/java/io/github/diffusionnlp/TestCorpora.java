package io.github.diffusionnlp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small corpora the tests train and read on. */
public final class TestCorpora {
    /** "Vamos del mar ." in CoNLL-U, its multiword token "del" over "de el". */
    private static final String SPANISH_SENTENCE = """
            # text = Vamos del mar.
            1\tVamos\tir\tVERB\t_\t_\t0\troot\t_\t_
            2-3\tdel\t_\t_\t_\t_\t_\t_\t_\t_
            2\tde\tde\tADP\t_\t_\t4\tcase\t_\t_
            3\tel\tel\tDET\t_\t_\t4\tdet\t_\t_
            4\tmar\tmar\tNOUN\t_\t_\t1\tobl\t_\t_
            5\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_

            """;

    private TestCorpora() {}

    /** {@code sentences} copies of that sentence written to {@code dir/es.conllu}. */
    public static Path spanishTreebank(Path dir, int sentences) throws IOException {
        return Files.writeString(dir.resolve("es.conllu"), SPANISH_SENTENCE.repeat(sentences), StandardCharsets.UTF_8);
    }
}
