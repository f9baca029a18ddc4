package io.github.diffusionnlp.train;

import java.util.Random;

/**
 * Which positions of a training row are given (conditioning) and which the model must generate.
 * Each row draws one of four kinds, so that at inference any set of positions can be infilled:
 * nothing given (free generation), a prefix, a few short spans hidden in otherwise given text
 * (infilling, with the padding given: the length is known), or random single tokens.
 *
 * <p>Spans and random tokens get the largest shares: their generated positions are words with
 * given context around them, the cases where the model must learn to read context (a masked word
 * at high noise is predictable from nothing else); with nothing given, high noise teaches only
 * word frequencies.
 */
enum ConditioningMask {
    NONE, PREFIX, SPANS, RANDOM_TOKENS;

    /** Fills {@code given} (length L) for a sentence of {@code length} real tokens. 1 = given. */
    static ConditioningMask draw(Random random, int length, float[] given) {
        double u = random.nextDouble();
        ConditioningMask kind = u < 0.1 ? NONE : u < 0.2 ? PREFIX : u < 0.6 ? SPANS : RANDOM_TOKENS;
        int rowLength = given.length;
        java.util.Arrays.fill(given, 0f);
        switch (kind) {
            case NONE -> { }
            case PREFIX -> {
                int k = length > 1 ? 1 + random.nextInt(length - 1) : 0;
                for (int i = 0; i < k; i++) {
                    given[i] = 1f;
                }
            }
            case SPANS -> {
                java.util.Arrays.fill(given, 1f);
                int spans = 1 + random.nextInt(3);
                for (int s = 0; s < spans; s++) {
                    int spanLength = 1 + random.nextInt(Math.min(5, Math.max(1, length)));
                    int start = random.nextInt(Math.max(1, length - spanLength + 1));
                    for (int i = start; i < Math.min(rowLength, start + spanLength); i++) {
                        given[i] = 0f;
                    }
                }
            }
            case RANDOM_TOKENS -> {
                float p = 0.1f + 0.8f * random.nextFloat();
                for (int i = 0; i < rowLength; i++) {
                    given[i] = random.nextFloat() < p ? 1f : 0f;
                }
            }
        }
        return kind;
    }
}
