package dev.intake.progress.internal;

import java.time.Duration;
import java.util.Map;

import dev.intake.progress.ProgressEvent;
import dev.intake.tenant.TenantId;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Writes a progress event to its upload's stream and then to its tenant's feed, each
 * trimmed with {@code MAXLEN ~}. Two plain {@code XADD}s rather than a transaction: the
 * keys live in different cluster slots, and the caller writes one event at a time per
 * upload, which keeps the order within each stream. The upload's stream expires
 * {@code finished-ttl} after a final event, or {@code idle-ttl} after any other.
 */
@Component
class StreamWriter implements EventWriter {

	private final StreamCommands commands;

	private final EventJson json;

	private final ProgressSettings settings;

	private final StreamKeys keys;

	StreamWriter(StreamCommands commands, EventJson json, ProgressSettings settings, StreamKeys keys) {
		this.keys = keys;
		this.commands = commands;
		this.json = json;
		this.settings = settings;
	}

	@Override
	public Mono<Void> write(TenantId tenant, ProgressEvent event) {
		String key = this.keys.upload(event.uploadId());
		Map<String, String> fields = StreamedEvent.fieldsOf(event, this.json.write(event));
		Duration ttl = event.isTerminal() ? this.settings.finishedTtl() : this.settings.idleTtl();
		return this.commands.append(key, fields, this.settings.uploadStreamLength())
			.then(this.commands.expire(key, ttl))
			.then(this.commands.append(this.keys.feed(tenant), fields, this.settings.feedStreamLength()))
			.then()
			.timeout(this.settings.publishTimeout());
	}

}
