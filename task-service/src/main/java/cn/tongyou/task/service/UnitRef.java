package cn.tongyou.task.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** A unit as a task or report names it. */
@Schema(name = "UnitRef")
public record UnitRef(UUID id, @Schema(example = "区文化和旅游局") String name,
                      @Schema(description = "the spelling in the plan", example = "区文旅局") String writtenAs) {
}
