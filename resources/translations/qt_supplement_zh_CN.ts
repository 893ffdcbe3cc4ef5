<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Chinese for the few texts of Qt's own dialogs that Qt's qtbase_zh_CN catalog lacks (it still has the
     Qt 5 wording, e.g. "Look in:" where Qt 6 shows "&Look in:"). Compiled to qt_supplement_zh_CN.qm with
     pyside6-lrelease; ui/translations.py loads it after qtbase_zh_CN. -->
<TS version="2.1" language="zh_CN">
<context>
    <name>QFileDialog</name>
    <message><source>&amp;Look in:</source><translation>查找范围(&amp;L)：</translation></message>
    <message><source>Files of &amp;type:</source><translation>文件类型(&amp;T)：</translation></message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message><source>Page &amp;Set:</source><translation>打印页面(&amp;S)：</translation></message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message><source>Page &amp;order:</source><translation>页面顺序(&amp;O)：</translation></message>
    <message><source>Pages &amp;per sheet:</source><translation>每张页数(&amp;P)：</translation></message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message><source>Don&apos;t Save</source><translation>不保存</translation></message>
    <message><source>Close without Saving</source><translation>关闭且不保存</translation></message>
</context>
</TS>
