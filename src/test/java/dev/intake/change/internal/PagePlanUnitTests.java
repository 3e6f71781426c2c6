package dev.intake.change.internal;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import dev.intake.change.internal.PagePlan.Next;
import dev.intake.change.internal.PagePlan.Run;
import dev.intake.upload.ChangeCounts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PagePlanUnitTests {

	private static final ChangeCounts COUNTS = new ChangeCounts(UUID.randomUUID(), 3, 0, 5, 2);

	private static final Set<ChangeKind> ALL = EnumSet.allOf(ChangeKind.class);

	@Test
	void fillsAPageFromOneKindAndTheNext() {
		PagePlan plan = PagePlan.of(COUNTS, ALL, start(ALL), 4);

		assertThat(plan.runs()).containsExactly(new Run(ChangeKind.NEW, 0, 3), new Run(ChangeKind.UNCHANGED, 0, 1));
		assertThat(plan.next()).isEqualTo(new Next(ChangeKind.UNCHANGED, 1, true));
	}

	@Test
	void continuesAfterTheCursorsRow() {
		ChangeCursor cursor = new ChangeCursor(ChangePages.mask(ALL), ChangeKind.UNCHANGED, 42, 1);

		PagePlan plan = PagePlan.of(COUNTS, ALL, cursor, 4);

		assertThat(plan.runs()).containsExactly(new Run(ChangeKind.UNCHANGED, 42, 4));
		assertThat(plan.next()).isEqualTo(new Next(ChangeKind.MISSING, 0, false));
	}

	@Test
	void endsWithoutANextPageWhenTheLastKindRunsOut() {
		ChangeCursor cursor = new ChangeCursor(ChangePages.mask(ALL), ChangeKind.MISSING, 7, 1);

		PagePlan plan = PagePlan.of(COUNTS, ALL, cursor, 4);

		assertThat(plan.runs()).containsExactly(new Run(ChangeKind.MISSING, 7, 1));
		assertThat(plan.next()).isNull();
	}

	@Test
	void skipsKindsNotAskedForAndKindsWithoutCustomers() {
		Set<ChangeKind> kinds = EnumSet.of(ChangeKind.CHANGED, ChangeKind.MISSING);

		PagePlan plan = PagePlan.of(COUNTS, kinds, start(kinds), 10);

		assertThat(plan.runs()).containsExactly(new Run(ChangeKind.MISSING, 0, 2));
		assertThat(plan.next()).isNull();
	}

	@Test
	void plansNothingForAFirstUploadsMissingCustomers() {
		ChangeCounts first = new ChangeCounts(null, 2, 0, 0, 0);
		Set<ChangeKind> missing = EnumSet.of(ChangeKind.MISSING);

		assertThat(PagePlan.of(first, missing, start(missing), 50).runs()).isEmpty();
	}

	private static ChangeCursor start(Set<ChangeKind> kinds) {
		return new ChangeCursor(ChangePages.mask(kinds), ChangeKind.NEW, 0, 0);
	}

}
