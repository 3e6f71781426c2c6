package dev.intake.progress.web;

import java.util.UUID;

import dev.intake.progress.internal.StreamedEvent;
import org.junit.jupiter.api.Test;

import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSentEventsUnitTests {

	static final UUID UPLOAD = UUID.randomUUID();

	@Test
	void namesTheStartOfOneUploadProgressAndKeepsItsData() {
		ServerSentEvent<String> event = ServerSentEvents
			.ofUpload(new StreamedEvent("1-0", "started", UPLOAD, "{\"type\":\"started\"}"));

		assertThat(event.event()).isEqualTo("progress");
		assertThat(event.id()).isEqualTo("1-0");
		assertThat(event.data()).isEqualTo("{\"type\":\"started\"}");
	}

	@Test
	void namesEveryOtherEventByItsType() {
		assertThat(ServerSentEvents.ofUpload(new StreamedEvent("2-0", "progress", UPLOAD, "{}")).event())
			.isEqualTo("progress");
		assertThat(ServerSentEvents.ofUpload(new StreamedEvent("3-0", "completed", UPLOAD, "{}")).event())
			.isEqualTo("completed");
		assertThat(ServerSentEvents.ofUpload(new StreamedEvent("3-0", "failed", UPLOAD, "{}")).event())
			.isEqualTo("failed");
	}

	@Test
	void keepsTheStartOfAnUploadInTheFeed() {
		assertThat(ServerSentEvents.ofFeed(new StreamedEvent("1-0", "started", UPLOAD, "{}")).event())
			.isEqualTo("started");
	}

	@Test
	void sendsStatesFromPostgresWithoutAnId() {
		ServerSentEvent<String> event = ServerSentEvents.ofUpload(new StreamedEvent(null, "completed", UPLOAD, "{}"));

		assertThat(event.id()).isNull();
		assertThat(event.event()).isEqualTo("completed");
	}

}
