package cn.tongyou.task.service;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The coordinator's verdict; a comment is required to return a report. */
@Schema(name = "ReviewInput")
public record ReviewInput(@Size(max = 2000) @Schema(example = "请补充认定文件") String comment) {
}
