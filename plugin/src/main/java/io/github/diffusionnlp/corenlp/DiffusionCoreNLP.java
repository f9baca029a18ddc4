package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.pipeline.StanfordCoreNLPServer;
import io.github.diffusionnlp.cli.ToolDefaults;
import java.util.Arrays;

/**
 * The jar's main class: CoreNLP's own command line with this plugin on the classpath.
 *
 * <pre>
 * java -jar diffusion-nlp-corenlp.jar -props infill.properties -file in.txt -outputFormat text   # StanfordCoreNLP
 * java -jar diffusion-nlp-corenlp.jar server -port 9000                                         # StanfordCoreNLPServer
 * </pre>
 *
 * CoreNLP's pos, ner, parse and sentiment models are not in this jar: put
 * {@code stanford-corenlp-4.5.10-models.jar} on the classpath ({@code java -cp}) to use those annotators.
 */
public final class DiffusionCoreNLP {
    private DiffusionCoreNLP() {}

    public static void main(String[] args) throws Exception {
        ToolDefaults.offline(); // the PyTorch natives ship in lib/: never download, unless the user says so
        ToolDefaults.quietDjl(); // DJL's CUDA probe warns on every CPU machine; CoreNLP's own log lines stay
        if (args.length > 0 && args[0].equals("server")) {
            StanfordCoreNLPServer.main(Arrays.copyOfRange(args, 1, args.length));
        } else {
            StanfordCoreNLP.main(args);
        }
    }
}
