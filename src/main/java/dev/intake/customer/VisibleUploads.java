package dev.intake.customer;

/**
 * Which uploads' entries the reads of {@link CustomerEntries} show, as an SQL condition
 * on a row of {@code uploads}. Given by the module that owns the upload statuses, so the
 * statuses are spelled in one place.
 */
public interface VisibleUploads {

	/**
	 * The condition on the {@code uploads} row named {@code alias} that holds for an
	 * upload whose entries are visible.
	 */
	String condition(String alias);

}
