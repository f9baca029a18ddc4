package io.github.diffusionnlp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Arrays that outlive their slice (n-gram fusion keeps each slice's logits for the step's x̂₀) belong to
 * the caller's scope as soon as their slice ends: a later slice that fails must not leave them on the
 * long-lived manager (the model's), where they would stay until the model is closed.
 */
class RowChunksTest {
    @Test
    void aFailingSliceLeavesTheEarlierSlicesArraysToTheCallersScope() {
        try (NDManager model = NDManager.newBaseManager()) {
            int before = model.getManagedArrays().size();
            List<NDArray> keptBySlices = new ArrayList<>();
            try (NDScope request = new NDScope()) {
                request.suppressNotUsedWarning();
                NDArray rows = model.arange(0f, 6f).reshape(6, 1);
                assertThrows(EngineException.class, () -> RowChunks.slices(6, 2, range -> {
                    NDArray part = rows.get(range).mul(2f);
                    keptBySlices.add(part);
                    if (keptBySlices.size() == 2) {
                        part.reshape(new Shape(5)); // a native failure: 2 values cannot make 5
                    }
                    return new NDList(part, part.add(1f));
                }));
            }
            assertTrue(keptBySlices.stream().allMatch(NDArray::isReleased), "a slice's arrays outlived the request");
            assertEquals(before, model.getManagedArrays().size(), "arrays left on the model's manager");
        }
    }

    @Test
    void mapConcatenatesTheSlicesInOrder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray rows = manager.arange(0f, 5f).reshape(5, 1);
            NDArray doubled = RowChunks.map(5, 2, range -> rows.get(range).mul(2f));
            assertEquals(List.of(0f, 2f, 4f, 6f, 8f), toList(doubled.toFloatArray()));
        }
    }

    private static List<Float> toList(float[] values) {
        List<Float> list = new ArrayList<>();
        for (float v : values) {
            list.add(v);
        }
        return list;
    }
}
