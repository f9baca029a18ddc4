package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.time.TimeAnnotations;
import edu.stanford.nlp.util.CoreMap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Our annotator after CoreNLP's {@code ner} as it runs by default: fine-grained classes ({@code CITY} for a
 * {@code LOCATION}), dates normalised by SUTime, amounts by the numeric classifiers. Only the 3-class CRF model
 * is loaded (the default's other two add classes, not these behaviours), to keep the pipeline quick to build.
 */
class EntityClassesTest {
    static Properties defaultNer(Properties p) {
        p.setProperty("ner.model", "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz");
        return p; // numeric classifiers, SUTime and fine-grained classes as CoreNLP's defaults have them
    }

    /** A pipeline of CoreNLP's {@code ner} (pooled: built once for every test here) and ours, masking these. */
    private static StanfordCoreNLP pipeline(String mask) {
        return new StanfordCoreNLP(defaultNer(props("tokenize,ssplit,pos,lemma,ner,diffusion", "diffusion.mask", mask)));
    }

    @Test
    void aFilledDateKeepsItsClassButNotTheOldDatesValue() {
        StanfordCoreNLP pipeline = pipeline("ner:DATE,PERSON");
        Annotation doc = annotate(pipeline, "John Smith met on Friday, 5 May 2023 and paid $5 million.");
        List<CoreLabel> tokens = doc.get(CoreAnnotations.TokensAnnotation.class);
        assertEquals("Friday", tokens.get(4).get(DiffusionAnnotations.OriginalWord.class), "precondition: a DATE filled");
        for (CoreLabel t : tokens) {
            String was = t.get(DiffusionAnnotations.OriginalWord.class);
            if (was != null && !was.equals(t.word())) {
                assertTrue(List.of("DATE", "PERSON").contains(t.ner()), "the slot keeps its class: " + t);
                assertNull(t.get(CoreAnnotations.NormalizedNamedEntityTagAnnotation.class), "the old value on " + t);
                assertNull(t.get(TimeAnnotations.TimexAnnotation.class), "the old Timex on " + t);
                assertEquals(java.util.Map.of(t.ner(), -1.0), t.get(CoreAnnotations.NamedEntityTagProbsAnnotation.class),
                        "the old words' odds on " + t);
            }
        }
        CoreLabel dollars = tokens.get(tokens.size() - 2); // "million" of "$5 million": not masked, not written
        assertEquals("MONEY", dollars.ner());
        assertEquals("$5000000.0", dollars.get(CoreAnnotations.NormalizedNamedEntityTagAnnotation.class));
        for (CoreMap m : doc.get(CoreAnnotations.MentionsAnnotation.class)) {
            if ("DATE".equals(m.get(CoreAnnotations.NamedEntityTagAnnotation.class))) {
                assertNull(m.get(CoreAnnotations.NormalizedNamedEntityTagAnnotation.class));
                assertNull(m.get(TimeAnnotations.TimexAnnotation.class));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pipeline.prettyPrint(doc, new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertFalse(printed.contains("Friday") || printed.contains("2023-05-05"), "the old date printed:\n" + printed);
        assertTrue(printed.contains("NormalizedNamedEntityTag=$5000000.0"), printed);
    }

    @Test
    void aLocationRuleMasksTheFineGrainedPlacesOfTheDefaultNer() {
        Annotation doc = annotate(pipeline("ner:PERSON,LOCATION"), "John Smith flew from Paris to France on Friday.");
        List<CoreLabel> tokens = doc.get(CoreAnnotations.TokensAnnotation.class);
        CoreLabel paris = tokens.get(4);
        CoreLabel france = tokens.get(6);
        assertEquals("LOCATION", paris.get(CoreAnnotations.CoarseNamedEntityTagAnnotation.class), "precondition");
        assertEquals("Paris", paris.get(DiffusionAnnotations.OriginalWord.class));
        assertEquals("France", france.get(DiffusionAnnotations.OriginalWord.class));
        assertNotEquals("paris", paris.word().toLowerCase(), "a name must not come back");
        assertNotEquals("france", france.word().toLowerCase(), "a name must not come back");
        assertEquals("CITY", paris.ner(), "the slot keeps its fine class");
        assertEquals("COUNTRY", france.ner());
        assertEquals("Friday", tokens.get(8).word(), "a DATE is not masked");
        TasksTest.assertConsistent(doc);
    }
}
