package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Sentiment;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The option values the command line, the OpenNLP tool, the CoreNLP annotator and the library share: each
 * range's edges (the documented ones are accepted, one past them refused) and what the builders and {@code with}
 * methods carry over. The other tests of these reach them through a loaded model; these need none.
 */
class OptionParsingTest {
    @Test
    void samplingRangesAcceptTheirEdgesAndRefuseOnePast() {
        SamplingOptions edges = SamplingOptions.builder().steps(10_000).batchSize(4096).length(0).temperature(1)
                .x0Temperature(0).ngramWeight(0).build();
        assertEquals(10_000, edges.steps());
        assertEquals(4096, edges.batchSize());
        SamplingOptions low = SamplingOptions.builder().steps(1).batchSize(1).temperature(0).build();
        assertEquals(1, low.steps());
        assertEquals(1, low.batchSize());
        assertEquals(OptionalDouble.of(0), low.temperature());
        for (Runnable refused : List.<Runnable>of(() -> SamplingOptions.builder().steps(0),
                () -> SamplingOptions.builder().steps(10_001), () -> SamplingOptions.builder().batchSize(0),
                () -> SamplingOptions.builder().batchSize(4097), () -> SamplingOptions.builder().length(-1),
                () -> SamplingOptions.builder().temperature(-0.01),
                () -> SamplingOptions.builder().x0Temperature(Double.POSITIVE_INFINITY),
                () -> SamplingOptions.builder().ngramWeight(-1),
                () -> SamplingOptions.builder().ngramWeight(Double.POSITIVE_INFINITY))) {
            assertThrows(IllegalArgumentException.class, refused::run);
        }
    }

    /** toBuilder carries every value over: a front end that changes one option keeps the caller's others. */
    @Test
    void toBuilderKeepsEveryValue() {
        SamplingOptions given = SamplingOptions.builder().steps(7).seed(42).batchSize(3).length(9).temperature(0.5)
                .x0Temperature(0.25).ngramWeight(0.7).build();
        SamplingOptions copy = given.toBuilder().build();
        assertEquals(List.of(7, 3, 9), List.of(copy.steps(), copy.batchSize(), copy.length()));
        assertEquals(42, copy.seed());
        assertEquals(OptionalDouble.of(0.5), copy.temperature());
        assertEquals(0.25, copy.x0Temperature());
        assertEquals(0.7, copy.ngramWeight());
    }

    /** A temperature the caller gave wins over a command's default (infill's 0, generate's 1); none takes it. */
    @Test
    void aDefaultTemperatureFillsOnlyAnUnsetOne() {
        assertEquals(OptionalDouble.empty(), SamplingOptions.defaults().temperature());
        assertEquals(OptionalDouble.of(1), SamplingOptions.defaults().withDefaultTemperature(1).temperature());
        SamplingOptions set = SamplingOptions.builder().temperature(0.3).build();
        assertEquals(OptionalDouble.of(0.3), set.withDefaultTemperature(1).temperature());
    }

    @Test
    void candidatesRunFromOneToTheMaximum() {
        assertEquals(1, Constraints.none().candidates());
        assertEquals(Constraints.MAX_CANDIDATES, Constraints.none().withCandidates(Constraints.MAX_CANDIDATES)
                .candidates());
        assertThrows(IllegalArgumentException.class, () -> Constraints.none().withCandidates(0));
        assertThrows(IllegalArgumentException.class,
                () -> Constraints.none().withCandidates(Constraints.MAX_CANDIDATES + 1));
        assertThrows(IllegalArgumentException.class,
                () -> Constraints.none().withGuidance(Double.POSITIVE_INFINITY));
        assertEquals(0, Constraints.none().withGuidance(0).guidance(), "0: the constraints ignored");
    }

    /** Each with method changes its own field and keeps the others. */
    @Test
    void withMethodsKeepTheOtherConstraints() {
        List<Upos> template = List.of(Upos.DET, Upos.NOUN);
        Constraints all = Constraints.none().withSentiment(Sentiment.POSITIVE).withTemplate(template).withGuidance(2)
                .withCandidates(4).withLexical(true);
        assertEquals(new Constraints(Sentiment.POSITIVE, template, 2, null, 4, true), all);
        assertEquals(Sentiment.NEGATIVE, all.withSentiment(Sentiment.NEGATIVE).sentiment());
        assertEquals(template, all.withLexical(false).template());
        assertFalse(all.withLexical(false).lexical());
        assertEquals(4, all.withGuidance(3).candidates());
        assertEquals(2, all.withCandidates(2).guidance());
        assertTrue(all.withSteering(null).lexical());
        assertEquals(template, all.optTemplate().orElseThrow());
        assertTrue(Constraints.none().optTemplate().isEmpty());
    }

    /** The template is the caller's at the time: changing their list afterwards changes nothing. */
    @Test
    void aTemplateIsCopiedAndChecked() {
        List<Upos> tags = new ArrayList<>(List.of(Upos.DET, Upos.NOUN));
        Constraints c = Constraints.none().withTemplate(tags);
        tags.add(Upos.VERB);
        assertEquals(List.of(Upos.DET, Upos.NOUN), c.template());
        assertThrows(IllegalArgumentException.class, () -> Constraints.none().withTemplate(List.of()));
        List<Upos> withNull = new ArrayList<>();
        withNull.add(Upos.DET);
        withNull.add(null);
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Constraints.none().withTemplate(withNull));
        assertEquals("tag 1 of the POS template is null", e.getMessage());
    }

    /** --keep and --pos lists: commas or any Unicode space separate, empty items vanish. */
    @Test
    void listItemsSplitOnCommasAndAnySpace() {
        assertEquals(List.of("0", "3", "PROPN"), Constraints.listItems(" 0,3\u00A0, PROPN\u3000"));
        assertEquals(List.of(), Constraints.listItems(""));
        assertEquals(List.of(Upos.DET, Upos.NOUN), Constraints.parseTemplate("det,noun"));
    }
}
