"""The Qt window over reader.core: widgets reach the Library only through the named operations of
reader.ui.operations, run by the task manager in reader.ui.tasks."""
