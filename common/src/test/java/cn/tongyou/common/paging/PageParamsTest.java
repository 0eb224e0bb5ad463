package cn.tongyou.common.paging;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PageParamsTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator())
                .buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void offsetIsALongThatCannotOverflow() {
        assertThat(new PageParams(1, 50).offset()).isZero();
        assertThat(new PageParams(3, 50).offset()).isEqualTo(100);
        assertThat(new PageParams(Integer.MAX_VALUE, PageParams.MAX_SIZE).offset())
                .isEqualTo((Integer.MAX_VALUE - 1L) * PageParams.MAX_SIZE);
        assertThat(new PageParams(PageParams.MAX_PAGE, PageParams.MAX_SIZE).offset()).isLessThan(Integer.MAX_VALUE);
    }

    @Test
    void pageIsBounded() {
        assertThat(validator.validate(new PageParams(PageParams.MAX_PAGE, PageParams.MAX_SIZE))).isEmpty();
        Set<ConstraintViolation<PageParams>> tooFar = validator.validate(new PageParams(PageParams.MAX_PAGE + 1, 50));
        assertThat(tooFar).singleElement().satisfies(v -> {
            assertThat(v.getPropertyPath().toString()).isEqualTo("page");
            assertThat(v.getMessage()).startsWith("page must be at most 1000000");
        });
        assertThat(validator.validate(new PageParams(0, 50))).singleElement()
                .satisfies(v -> assertThat(v.getMessage()).isEqualTo("page starts at 1"));
        assertThat(validator.validate(new PageParams(1, PageParams.MAX_SIZE + 1))).hasSize(1);
    }
}
