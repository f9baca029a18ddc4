package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.util.Progress;
import io.github.diffusionnlp.TestModels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A call made with {@link SamplingOptions.Builder#optProgress} reports its rows, batch by batch, as DJL's bars take it. */
class ProgressTest {
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    /** What a progress was told, one entry a call. */
    private static final class Recorded implements Progress {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void reset(String message, long max, String trailingMessage) {
            events.add("reset " + message + " " + max);
        }

        @Override
        public void start(long initialProgress) {
            events.add("start " + initialProgress);
        }

        @Override
        public void end() {
            events.add("end");
        }

        @Override
        public void increment(long increment) {
            events.add("increment " + increment);
        }

        @Override
        public void update(long progress, String message) {
            events.add("update " + progress);
        }
    }

    @Test
    void aBatchedCallReportsEachBatchOfRowsAndEnds() {
        Recorded progress = new Recorded();
        SamplingOptions options = SamplingOptions.builder().steps(2).batchSize(2).optProgress(progress).build();
        List<List<String>> sentences = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sentences.add(List.of("the", DiffusionLM.MASK, "."));
        }
        List<List<String>> filled = lm.infillAll(sentences, options);
        assertEquals(5, filled.size());
        assertEquals(List.of("reset Sampling 5", "start 0", "update 2", "update 4", "update 5", "end"), progress.events);
    }

    @Test
    void bestOfKCountsEveryCandidateAndTheOptionsCarryTheProgressOn() {
        Recorded progress = new Recorded();
        SamplingOptions options = SamplingOptions.builder().steps(2).batchSize(8).optProgress(progress).build();
        lm.generate(3, Constraints.none().withSentiment(io.github.diffusionnlp.model.Sentiment.POSITIVE)
                .withCandidates(4), options.toBuilder().length(4).build());
        assertEquals(List.of("reset Sampling 12", "start 0", "update 8", "update 12", "end"), progress.events);
    }

    @Test
    void withoutAProgressNothingIsReported() {
        assertEquals(java.util.Optional.empty(), SamplingOptions.defaults().progress());
    }
}
