package dev.intake.progress.internal;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How the {@link StreamReader}'s blocking {@code XREAD}s reach Redis: which streams one
 * read may cover together (a group), where it is sent, and how a read under way is cut
 * short. One read at a time per group.
 */
interface BlockingReads {

	/** The group of a stream: streams of one group are read together. */
	int groupOf(String key);

	/** What a group is, for log lines and health details. */
	String describe(int group);

	/**
	 * Emits the entries after the given offsets of streams of one group, waiting for them
	 * as {@code args} say; completes empty when the read timed out or was cut short.
	 * Errors when Redis fails.
	 */
	Flux<StreamMessage<String, String>> read(int group, XReadArgs args, StreamOffset<String>[] offsets);

	/** Wakes the group's read under way, if any, as if it had timed out. */
	Mono<Void> unblock(int group);

}
