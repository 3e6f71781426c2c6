package dev.intake.tenant;

import java.util.UUID;

/**
 * Mints {@link AccessToken}s for the event streams of the tenant of an authenticated
 * request. The caller checks that the upload belongs to that tenant.
 */
public interface EventAccess {

	/** A token for the events of one upload. */
	AccessToken forUpload(TenantId tenant, UUID uploadId);

	/** A token for the feed of all the tenant's uploads. */
	AccessToken forFeed(TenantId tenant);

}
