package dev.intake.ingest;

import java.util.Arrays;

import dev.intake.ingest.internal.Verhoeff;

/**
 * One pass of the national-ID rule ({@link NationalIdMasking}) over a text, run by run:
 * finds the numbers to mask, either Aadhaar-shaped ones (twelve digits of consecutive
 * groups with a valid Verhoeff check digit) or every run of twelve or more digits, and
 * masks all their digits but the last four. Never throws; one instance per text.
 */
final class NationalIdScan {

	/** The digits of a national ID. */
	static final int LENGTH = 12;

	/** The digits left unmasked, at the end of a number. */
	private static final int KEPT = 4;

	private final String text;

	private final boolean everyLongRun;

	// Per digit of the current run: its value and char index; per group: where its
	// digits start in those arrays.
	private int[] values = new int[32];

	private int[] positions = new int[32];

	private int[] groupStarts = new int[16];

	private int digits;

	private int groups;

	private boolean[] toMask;

	private boolean found;

	NationalIdScan(String text, boolean everyLongRun) {
		this.text = text;
		this.everyLongRun = everyLongRun;
	}

	/** Whether the text holds a number to mask. */
	boolean found() {
		run();
		return this.found;
	}

	/** The text with its numbers masked; the same instance when it holds none. */
	String masked() {
		run();
		if (!this.found) {
			return this.text;
		}
		StringBuilder out = new StringBuilder(this.text.length());
		for (int i = 0; i < this.text.length();) {
			int c = this.text.codePointAt(i);
			int next = i + Character.charCount(c);
			if (this.toMask[i]) {
				out.append('X');
			}
			else {
				out.append(this.text, i, next);
			}
			i = next;
		}
		return out.toString();
	}

	private void run() {
		String text = this.text;
		int i = 0;
		while (i < text.length()) {
			int c = text.codePointAt(i);
			if (!NationalIdCharacters.isDigit(c)) {
				i += Character.charCount(c);
				continue;
			}
			i = readRun(i);
			if (this.everyLongRun) {
				if (this.digits >= LENGTH) {
					mask(0, this.digits);
				}
			}
			else {
				findNumbers();
			}
		}
	}

	/** Reads the run starting at a digit; returns the index after its last digit. */
	private int readRun(int from) {
		String text = this.text;
		this.digits = 0;
		this.groups = 0;
		int i = from;
		while (true) {
			addGroupStart();
			while (i < text.length() && NationalIdCharacters.isDigit(text.codePointAt(i))) {
				int c = text.codePointAt(i);
				addDigit(NationalIdCharacters.valueOf(c), i);
				i += Character.charCount(c);
			}
			int j = i;
			while (j < text.length() && NationalIdCharacters.isSeparator(text.codePointAt(j))) {
				j += Character.charCount(text.codePointAt(j));
			}
			if (j == i || j == text.length() || !NationalIdCharacters.isDigit(text.codePointAt(j))) {
				return i;
			}
			i = j;
		}
	}

	private void findNumbers() {
		for (int first = 0; first < this.groups; first++) {
			int start = this.groupStarts[first];
			for (int last = first; last < this.groups; last++) {
				int length = groupEnd(last) - start;
				if (length > LENGTH) {
					break;
				}
				if (length == LENGTH) {
					if (Verhoeff.isValid(this.values, start, LENGTH)) {
						mask(start, start + LENGTH);
					}
					break;
				}
			}
		}
	}

	private int groupEnd(int group) {
		return (group + 1 < this.groups) ? this.groupStarts[group + 1] : this.digits;
	}

	/** Masks the digits from one index of the run to another, but the last four. */
	private void mask(int from, int to) {
		this.found = true;
		if (this.toMask == null) {
			this.toMask = new boolean[this.text.length()];
		}
		for (int d = from; d < to - KEPT; d++) {
			this.toMask[this.positions[d]] = true;
		}
	}

	private void addGroupStart() {
		if (this.groups == this.groupStarts.length) {
			this.groupStarts = Arrays.copyOf(this.groupStarts, 2 * this.groups);
		}
		this.groupStarts[this.groups++] = this.digits;
	}

	private void addDigit(int value, int position) {
		if (this.digits == this.values.length) {
			this.values = Arrays.copyOf(this.values, 2 * this.digits);
			this.positions = Arrays.copyOf(this.positions, 2 * this.digits);
		}
		this.values[this.digits] = value;
		this.positions[this.digits++] = position;
	}

}
