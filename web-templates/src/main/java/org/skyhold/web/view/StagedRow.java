package org.skyhold.web.view;

/** Staged sessions of one image in a zone: how many are ready to be claimed and how many are wanted. */
public record StagedRow(String image, int ready, int wanted) {
    public boolean met() {
        return ready >= wanted;
    }
}
