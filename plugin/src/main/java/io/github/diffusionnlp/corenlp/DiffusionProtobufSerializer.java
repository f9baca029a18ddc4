package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.CoreNLPProtos;
import edu.stanford.nlp.pipeline.ProtobufAnnotationSerializer;
import edu.stanford.nlp.util.CoreMap;
import java.util.Set;

/**
 * CoreNLP's protobuf serializer ({@code outputFormat=serialized}, what stanza's client reads) that knows this
 * annotator's keys. The stock one refuses any key it has no field for, so a document the annotator changed could
 * not be written; this one writes the document — its new words, sentences and text — and leaves out the
 * annotator's own records ({@link DiffusionAnnotations}), which the protobuf schema has no place for. Use it
 * with {@code outputSerializer = io.github.diffusionnlp.corenlp.DiffusionProtobufSerializer}; read the output
 * with the stock serializer or any protobuf client. With {@code replace=false} those records are the results,
 * and CoreNLP's own outputters (json and xml included) print none of them: write them with
 * {@code outputFormat=custom} and {@link DiffusionJsonOutputter} or {@link DiffusionTextOutputter} instead.
 */
public class DiffusionProtobufSerializer extends ProtobufAnnotationSerializer {
    private static final Set<Class<?>> OURS = Set.of(DiffusionAnnotations.Text.class,
            DiffusionAnnotations.OriginalText.class, DiffusionAnnotations.Windows.class,
            DiffusionAnnotations.OriginalWord.class, DiffusionAnnotations.Word.class,
            DiffusionAnnotations.Generated.class, DiffusionAnnotations.GeneratedSentences.class,
            DiffusionAnnotations.Suggestions.class);

    @Override
    protected CoreNLPProtos.Token.Builder toProtoBuilder(CoreLabel token, Set<Class<?>> keysToSerialize,
            Set<Class<?>> keysToSkip) {
        keysToSerialize.removeAll(OURS);
        return super.toProtoBuilder(token, keysToSerialize, keysToSkip);
    }

    @Override
    protected CoreNLPProtos.Sentence.Builder toProtoBuilder(CoreMap sentence, Set<Class<?>> keysToSerialize) {
        keysToSerialize.removeAll(OURS);
        return super.toProtoBuilder(sentence, keysToSerialize);
    }

    @Override
    protected CoreNLPProtos.Document.Builder toProtoBuilder(Annotation doc, Set<Class<?>> keysToSerialize) {
        keysToSerialize.removeAll(OURS);
        return super.toProtoBuilder(doc, keysToSerialize);
    }
}
