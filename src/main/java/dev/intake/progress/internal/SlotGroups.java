package dev.intake.progress.internal;

import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.cluster.SlotHash;

/**
 * The hash tags that put progress streams into a few groups under Redis Cluster, so that
 * one blocking {@code XREAD} per group reads every stream of the group: the keys of a
 * group share one hash slot. The {@value #COUNT} tags are {@code shardN.I}, with the
 * smallest number {@code I} that puts group {@code N} into the {@code N}-th sixteenth of
 * the slots, so the groups spread over the masters of any cluster whose slots are split
 * evenly.
 */
final class SlotGroups {

	static final int COUNT = 16;

	private static final List<String> TAGS = spread();

	private SlotGroups() {
	}

	/** The tag of the group that the stream of this id (an upload or a tenant) is in. */
	static String tagOf(String id) {
		return TAGS.get(Math.floorMod(id.hashCode(), COUNT));
	}

	static List<String> tags() {
		return TAGS;
	}

	private static List<String> spread() {
		int width = SlotHash.SLOT_COUNT / COUNT;
		List<String> tags = new ArrayList<>(COUNT);
		for (int group = 0; group < COUNT; group++) {
			int i = 0;
			while (SlotHash.getSlot("shard" + group + "." + i) / width != group) {
				i++;
			}
			tags.add("shard" + group + "." + i);
		}
		return List.copyOf(tags);
	}

}
