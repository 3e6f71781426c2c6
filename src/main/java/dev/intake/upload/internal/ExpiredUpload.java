package dev.intake.upload.internal;

import java.util.UUID;

import dev.intake.tenant.TenantId;

/**
 * An upload whose lease (or wait for content) expired, its tenant, and whether its
 * content comes in pieces (it can be resumed from its last checkpoint).
 */
record ExpiredUpload(UUID id, TenantId tenant, boolean resumable) {

	ExpiredUpload(UUID id, TenantId tenant) {
		this(id, tenant, false);
	}

}
