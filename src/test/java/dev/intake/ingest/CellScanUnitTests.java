package dev.intake.ingest;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CellScanUnitTests {

	/**
	 * Characters of every kind a scan tells apart: ASCII letters, digits and punctuation,
	 * C0 and C1 controls and NUL, the BOM, zero-width and bidi characters, Indic and
	 * other letters, digits of other scripts, fullwidth forms, and a surrogate pair.
	 */
	private static final String ALPHABET = "aZ09 ,.-@+\u0000\u0001\t\n\r\u001F\u007F\u0085\u009F\u00A0\u00E9\uFEFF\u200B"
			+ "\u200C\u200D\u200E\u200F\u061C\u202A\u202E\u2066\u2069\u0915\u094D\u0966\u096F\u09E6\u0BEF\u0660"
			+ "\u06F9\uFF10\uFF19\uFF21\u3000\uD835\uDFCE";

	@Test
	void findsNothingInAPlainCell() {
		assertThat(CellScan.of("Asha Rao")).isZero();
		assertThat(CellScan.of("98765 43210")).isZero();
		assertThat(CellScan.of("")).isZero();
		assertThat(CellScan.of(null)).isZero();
	}

	@Test
	void flagsTwelveDigitsOfEveryScriptButNotElevenOfTheBasicPlane() {
		for (int zero : FakeAadhaar.SCRIPT_ZEROS) {
			String twelve = FakeAadhaar.inScript("1234 5678 9012", zero);
			String eleven = FakeAadhaar.inScript("1234 5678 901", zero);

			assertThat(CellScan.has(CellScan.of("ref " + twelve), CellScan.MANY_DIGITS)).as(twelve).isTrue();
			// A supplementary digit is two surrogates, each counted: the flag only says
			// "may", and the full scan decides.
			assertThat(CellScan.has(CellScan.of("ref " + eleven), CellScan.MANY_DIGITS)).as(eleven)
				.isEqualTo(Character.isSupplementaryCodePoint(zero));
		}
	}

	@Test
	void flagsANulAsUnwantedAndUnstorable() {
		int flags = CellScan.of("Asha\u0000Rao");

		assertThat(CellScan.has(flags, CellScan.NUL)).isTrue();
		assertThat(CellScan.has(flags, CellScan.UNWANTED)).isTrue();
	}

	@Test
	void flagsEveryControlBomZeroWidthSpaceAndBidiControlAsUnwanted() {
		for (char c : "\u0001\t\n\r\u001F\u007F\u0085\u009F\uFEFF\u200B\u200E\u200F\u061C\u202A\u202E\u2066\u2069"
			.toCharArray()) {
			int flags = CellScan.of("Asha" + c + "Rao");

			assertThat(CellScan.has(flags, CellScan.UNWANTED)).as("U+%04X", (int) c).isTrue();
			assertThat(CellScan.has(flags, CellScan.NUL)).as("U+%04X", (int) c).isFalse();
		}
	}

	@Test
	void leavesZeroWidthJoinersThatIndicScriptsNeedAlone() {
		assertThat(CellScan.of("\u0915\u094D\u200D\u0937 \u0915\u094D\u200C\u0937")).isZero();
	}

	@Test
	void agreesWithTheFullChecksOnRandomCells() {
		Random random = new Random(20261204);
		for (int n = 0; n < 50_000; n++) {
			String cell = randomCell(random);

			int flags = CellScan.of(cell);

			assertThat(CellScan.has(flags, CellScan.NUL)).as(cell).isEqualTo(!RawCells.isStorable(cell));
			assertThat(CellScan.has(flags, CellScan.MANY_DIGITS)).as(cell).isEqualTo(digitsOf(cell) >= 12);
			if (!CellScan.has(flags, CellScan.UNWANTED)) {
				assertThat(Texts.clean(cell, Integer.MAX_VALUE, flags)).as(cell)
					.isEqualTo(Texts.clean(cell, Integer.MAX_VALUE, CellScan.UNWANTED));
			}
			if (!CellScan.has(flags, CellScan.MANY_DIGITS)) {
				assertThat(NationalIdMasking.holdsNationalId(cell)).as(cell).isFalse();
				assertThat(NationalIdMasking.maskedLongRuns(cell)).as(cell).isSameAs(cell);
			}
		}
	}

	@Test
	void cleansACellWithUnwantedCharactersAsTheUnscannedCleanDoes() {
		String cell = " \u202EAsha\tRao\u0000 ";

		assertThat(Texts.clean(cell, 500, CellScan.of(cell))).isEqualTo(Texts.clean(cell, 500, CellScan.UNWANTED))
			.isEqualTo("Asha Rao");
	}

	private static String randomCell(Random random) {
		int length = random.nextInt(30);
		StringBuilder cell = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			cell.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return cell.toString();
	}

	/**
	 * Digits of any script by code point, each surrogate counted as NationalIdMasking
	 * does.
	 */
	private static int digitsOf(String cell) {
		int digits = 0;
		for (int i = 0; i < cell.length(); i++) {
			char c = cell.charAt(i);
			if (Character.isDigit(c) || Character.isSurrogate(c)) {
				digits++;
			}
		}
		return digits;
	}

}
