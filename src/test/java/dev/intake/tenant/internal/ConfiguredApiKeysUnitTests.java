package dev.intake.tenant.internal;

import dev.intake.tenant.TenantId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConfiguredApiKeysUnitTests {

	@Test
	void findsTheTenantOfEachKeyByItsHash() {
		ConfiguredApiKeys keys = ConfiguredApiKeys.parse(" lender-a = key-one ,lender-b=key-two,lender-a=key-three,");

		assertThat(keys.size()).isEqualTo(3);
		assertThat(keys.tenantOf(KeyHashes.of("key-one"))).contains(TenantId.of("lender-a"));
		assertThat(keys.tenantOf(KeyHashes.of("key-two"))).contains(TenantId.of("lender-b"));
		assertThat(keys.tenantOf(KeyHashes.of("key-three"))).contains(TenantId.of("lender-a"));
		assertThat(keys.tenantOf(KeyHashes.of("key-four"))).isEmpty();
	}

	@Test
	void keepsKeysThatContainEqualsSigns() {
		ConfiguredApiKeys keys = ConfiguredApiKeys.parse("lender=abc==");

		assertThat(keys.tenantOf(KeyHashes.of("abc=="))).contains(TenantId.of("lender"));
	}

	@Test
	void acceptsNoKeysAtAll() {
		assertThat(ConfiguredApiKeys.parse(null).size()).isZero();
		assertThat(ConfiguredApiKeys.parse("").size()).isZero();
	}

	@Test
	void rejectsEntriesWithoutTenantOrKeyWithoutShowingTheKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> ConfiguredApiKeys.parse("lender=ok,secret-key-alone"))
			.withMessageContaining("Entry 2")
			.withMessageNotContaining("secret-key-alone");
		assertThatIllegalArgumentException().isThrownBy(() -> ConfiguredApiKeys.parse("=secret"))
			.withMessageNotContaining("secret");
		assertThatIllegalArgumentException().isThrownBy(() -> ConfiguredApiKeys.parse("lender="));
		assertThatIllegalArgumentException().isThrownBy(() -> ConfiguredApiKeys.parse("bad tenant=key"));
	}

}
