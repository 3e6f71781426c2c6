package dev.intake.progress.internal;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlotGroupsUnitTests {

	@Test
	void putsEachGroupIntoItsOwnSixteenthOfTheSlots() {
		List<String> tags = SlotGroups.tags();

		assertThat(tags).hasSize(SlotGroups.COUNT).doesNotHaveDuplicates().allMatch((tag) -> tag.startsWith("shard"));
		assertThat(IntStream.range(0, tags.size()))
			.allSatisfy((group) -> assertThat(SlotHash.getSlot(tags.get(group)) / 1024).isEqualTo(group));
	}

	@Test
	void givesAStreamTheSameGroupEveryTime() {
		String id = UUID.randomUUID().toString();

		assertThat(SlotGroups.tagOf(id)).isEqualTo(SlotGroups.tagOf(id)).isIn(SlotGroups.tags());
	}

	@Test
	void spreadsManyUploadsOverEveryGroup() {
		assertThat(IntStream.range(0, 1000).mapToObj((i) -> SlotGroups.tagOf(UUID.randomUUID().toString())).distinct())
			.hasSize(SlotGroups.COUNT);
	}

	@Test
	void keysOfOneGroupShareTheSlotOfTheirTag() {
		String tag = SlotGroups.tags().get(3);

		assertThat(SlotHash.getSlot("intake:abc:{" + tag + "}:upload:x:events"))
			.isEqualTo(SlotHash.getSlot("intake:abc:{" + tag + "}:feed:y:events"))
			.isEqualTo(SlotHash.getSlot(tag));
	}

}
