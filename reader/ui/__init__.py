"""The Qt window over reader.core. Widgets reach the core only through reader.ui.ops."""
