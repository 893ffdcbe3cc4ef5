"""Every document of every domain: one options dialog (导出文件… / 打印预览…), one export flow and the
print preview."""
