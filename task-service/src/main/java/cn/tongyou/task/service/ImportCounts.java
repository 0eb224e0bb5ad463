package cn.tongyou.task.service;

/** What one import did to the rows of one kind (tasks or milestones), as it goes. */
final class ImportCounts {

    int inFile;
    int inserted;
    int updated;
    int unchanged;
    int notInFile;

    /** Stored after the import: in the file, or kept although no longer in it. */
    int total() {
        return inFile + notInFile;
    }

    PlanImportReport.Counts report() {
        return new PlanImportReport.Counts(inFile, inserted, updated, unchanged, notInFile);
    }
}
