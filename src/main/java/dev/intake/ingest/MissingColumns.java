package dev.intake.ingest;

import java.util.List;

/**
 * The header lacks columns every row needs.
 */
public final class MissingColumns extends HeaderRejected {

	/** This problem's code. */
	public static final String CODE = "missing-columns";

	private static final long serialVersionUID = 1L;

	private final List<String> missing;

	MissingColumns(List<String> missing) {
		super(((missing.size() == 1) ? "The header lacks the required column: "
				: "The header lacks the required columns: ") + String.join(", ", missing));
		this.missing = List.copyOf(missing);
	}

	@Override
	public String code() {
		return CODE;
	}

	/**
	 * Returns the canonical names of the missing columns, like {@code primary_phone}.
	 * @return the missing columns, in Intake's column order
	 */
	public List<String> missing() {
		return this.missing;
	}

}
