package dev.intake.upload.web;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.webflux.autoconfigure.ReactiveMultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.multipart.PartEventHttpMessageReader;
import org.springframework.util.unit.DataSize;

/**
 * Applies Spring Boot's {@code spring.webflux.multipart.*} limits to the
 * {@link PartEventHttpMessageReader} that streams upload parts (Boot applies them only to
 * the reader that stores whole parts): the most parts per request, the largest part
 * headers, and the largest non-file field held in memory. An unlimited in-memory size is
 * refused at startup.
 */
@Configuration(proxyBeanMethods = false)
class MultipartLimits {

	@Bean
	CodecCustomizer partEventLimits(ReactiveMultipartProperties multipart) {
		DataSize inMemory = multipart.getMaxInMemorySize();
		if (inMemory != null && inMemory.isNegative()) {
			throw new IllegalStateException("spring.webflux.multipart.max-in-memory-size must not be unlimited");
		}
		return (configurer) -> configurer.defaultCodecs().configureDefaultCodec((codec) -> {
			if (codec instanceof PartEventHttpMessageReader reader) {
				PropertyMapper map = PropertyMapper.get();
				map.from(multipart::getMaxInMemorySize).as(MultipartLimits::bytes).to(reader::setMaxInMemorySize);
				map.from(multipart::getMaxHeadersSize).as(MultipartLimits::bytes).to(reader::setMaxHeadersSize);
				map.from(multipart::getMaxParts).to(reader::setMaxParts);
			}
		});
	}

	private static int bytes(DataSize size) {
		return (int) Math.min(Integer.MAX_VALUE, size.toBytes());
	}

}
