<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BookmarkActions</name>
    <message numerus="yes">
        <source>Exported %n stories to %1</source>
        <translation>
            <numerusform>Exported %n story to %1</numerusform>
            <numerusform>Exported %n stories to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BookmarksView</name>
    <message numerus="yes">
        <source>%n bookmarks</source>
        <translation>
            <numerusform>%n bookmark</numerusform>
            <numerusform>%n bookmarks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>Exported %n stories to %1</source>
        <translation>
            <numerusform>Exported %n story to %1</numerusform>
            <numerusform>Exported %n stories to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Marked %Ln stories read</source>
        <translation>
            <numerusform>Marked %Ln story read</numerusform>
            <numerusform>Marked %Ln stories read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln stories unread again</source>
        <translation>
            <numerusform>%Ln story unread again</numerusform>
            <numerusform>%Ln stories unread again</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewStoriesWords</name>
    <message numerus="yes">
        <source>Sync: %n new stories</source>
        <translation>
            <numerusform>Sync: %n new story</numerusform>
            <numerusform>Sync: %n new stories</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SavedSearchesPanel</name>
    <message numerus="yes">
        <source>%1 unread of %n</source>
        <translation>
            <numerusform>%1 unread of %n</numerusform>
            <numerusform>%1 unread of %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcesDialog</name>
    <message numerus="yes">
        <source>Remove %1 and its %Ln stories? Bookmarked stories are never removed.</source>
        <translation>
            <numerusform>Remove %1 and its %Ln story? Bookmarked stories are never removed.</numerusform>
            <numerusform>Remove %1 and its %Ln stories? Bookmarked stories are never removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %1 and %Ln stories</source>
        <translation>
            <numerusform>Removed %1 and %Ln story</numerusform>
            <numerusform>Removed %1 and %Ln stories</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln new sources from %1 (%2 already there or unusable)</source>
        <translation>
            <numerusform>Imported %Ln new source from %1 (%2 already there or unusable)</numerusform>
            <numerusform>Imported %Ln new sources from %1 (%2 already there or unusable)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln sources to %1</source>
        <translation>
            <numerusform>Wrote %Ln source to %1</numerusform>
            <numerusform>Wrote %Ln sources to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StateLabel</name>
    <message numerus="yes">
        <source>%Ln stories</source>
        <translation>
            <numerusform>%Ln story</numerusform>
            <numerusform>%Ln stories</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>sample data: %Ln sample stories</source>
        <translation>
            <numerusform>sample data: %Ln sample story</numerusform>
            <numerusform>sample data: %Ln sample stories</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StoryListModel</name>
    <message numerus="yes">
        <source>Showing 1–%1 of about %Ln stories</source>
        <translation>
            <numerusform>Showing 1–%1 of about %Ln story</numerusform>
            <numerusform>Showing 1–%1 of about %Ln stories</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing 1–%1 of %Ln stories</source>
        <translation>
            <numerusform>Showing 1–%1 of %Ln story</numerusform>
            <numerusform>Showing 1–%1 of %Ln stories</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message numerus="yes">
        <source>⚠ %n sources failed</source>
        <translation>
            <numerusform>⚠ %n source failed</numerusform>
            <numerusform>⚠ %n sources failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UpgradeDialog</name>
    <message numerus="yes">
        <source>%1 of %Ln stories</source>
        <translation>
            <numerusform>%1 of %Ln story</numerusform>
            <numerusform>%1 of %Ln stories</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln full articles</source>
        <translation>
            <numerusform>%1 of %Ln full article</numerusform>
            <numerusform>%1 of %Ln full articles</numerusform>
        </translation>
    </message>
</context>
</TS>
