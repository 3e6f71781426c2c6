package dev.intake.change.internal;

import java.util.List;

import dev.intake.upload.ChangeCounts;

/**
 * One page of an upload's changes.
 *
 * @param items the customers of this page
 * @param next where the next page starts, or {@code null} on the last page
 * @param counts the upload's counts of every kind, whatever kinds the page lists
 */
public record ChangePage(List<Change> items, ChangeCursor next, ChangeCounts counts) {

}
