package dev.intake.change.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChangeCursorUnitTests {

	@Test
	void readsTheTokenItMade() {
		ChangeCursor cursor = new ChangeCursor(5, ChangeKind.MISSING, 1234, 56);

		assertThat(ChangeCursor.parse(cursor.token())).isEqualTo(cursor);
	}

	@Test
	void rejectsTokensItDidNotMake() {
		for (String token : new String[] { "", "nonsense!", encoded("1:new:2"), encoded("1:old:2:3"),
				encoded("1:new:-2:3"), encoded("x:new:2:3") }) {
			assertThatIllegalArgumentException().as(token).isThrownBy(() -> ChangeCursor.parse(token));
		}
	}

	private static String encoded(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
