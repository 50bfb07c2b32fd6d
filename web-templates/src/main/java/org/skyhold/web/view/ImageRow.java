package org.skyhold.web.view;

import java.util.List;

/** One workspace image in the list: what one session of it reserves, and the zones that keep sessions of it staged. */
public record ImageRow(long id, String name, long cores, long gpus, long memoryMb, List<String> stagedIn) {
    public ImageRow {
        stagedIn = List.copyOf(stagedIn);
    }
}
