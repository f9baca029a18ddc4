package io.github.diffusionnlp.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WordNeighboursTest {
    @Test
    void neighboursAreOtherWordsNearestFirstAndTheShippedModelGroupsWeekdays() throws Exception {
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build();
                WordNeighbours table = new WordNeighbours(lm)) {
            List<WordNeighbours.Neighbour> near = table.nearest("Monday", 8);
            assertEquals(8, near.size());
            for (int i = 0; i < near.size(); i++) {
                assertTrue(!near.get(i).word().equals("Monday") && !near.get(i).word().startsWith("["), near.toString());
                assertTrue(near.get(i).cosine() <= 1.0001 && (i == 0 || near.get(i).cosine() <= near.get(i - 1).cosine()),
                        near.toString());
            }
            // the shipped model's table started from corpus contexts; a random one would give no weekday
            Set<String> weekdays = Set.of("Sunday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday");
            assertTrue(near.stream().anyMatch(n -> weekdays.contains(n.word())), near.toString());
            assertThrows(IllegalArgumentException.class, () -> table.nearest("qwertyuiop", 3));
        }
    }
}
